import { Photograph } from '@nutui/icons-react-taro'
import { Loading } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { CloudImage } from '../../../components/CloudImage'
import { errorMessage, uploadFile } from '../../../services/cloud'
import { toast } from '../../../utils/toast'

/** Photos taken on this device in this session (fileID → the local picture), shown without a round trip. */
const previews = new Map<string, string>()

interface PickerProps {
  value: string
  onChange: (fileID: string) => void
  /** Storage folder. */
  dir: 'receipts' | 'dropoff'
  label: string
  testId: string
}

/**
 * One photo, taken with the camera (or from the album), uploaded through services/cloud.ts the moment it is
 * chosen. In H5, Taro.chooseImage opens the browser's file input.
 */
export function PhotoPicker({ value, onChange, dir, label, testId }: PickerProps) {
  const [busy, setBusy] = useState(false)
  const pick = async () => {
    if (busy) return
    let path: string | undefined
    try {
      const res = await Taro.chooseImage({
        count: 1,
        sizeType: ['compressed'],
        sourceType: ['camera', 'album'],
      })
      path = res.tempFilePaths[0]
    } catch {
      return // cancelled
    }
    if (!path) return
    setBusy(true)
    try {
      const { fileID } = await uploadFile(path, dir)
      previews.set(fileID, path)
      onChange(fileID)
    } catch (e) {
      toast.fail(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View
      className={`e-photo${value ? ' e-photo--done' : ''}`}
      onClick={() => void pick()}
      data-testid={testId}
    >
      {busy ? (
        <View className="e-photo__empty">
          <Loading type="spinner" />
          <Text className="e-photo__text">正在上传…</Text>
        </View>
      ) : value ? (
        <>
          <CloudImage
            fileID={value}
            local={previews.get(value)}
            className="e-photo__img"
            fallback={
              <View className="e-photo__empty">
                <Text className="e-photo__text">照片已上传</Text>
              </View>
            }
          />
          <View className="e-photo__redo">重拍</View>
        </>
      ) : (
        <View className="e-photo__empty">
          <Photograph size={30} color="#1f6fd8" />
          <Text className="e-photo__text">{label}</Text>
        </View>
      )}
    </View>
  )
}

/** A recorded photo on a detail page: the picture (tap to enlarge), or a note that it exists. */
export function PhotoView({ fileID, title }: { fileID: string | null | undefined; title: string }) {
  if (!fileID) return null
  return (
    <View className="e-photo-view">
      <View className="e-photo-view__title">{title}</View>
      <CloudImage
        fileID={fileID}
        local={previews.get(fileID)}
        className="e-photo-view__img"
        previewable
        fallback={<View className="e-photo-view__none">已拍照留存</View>}
      />
    </View>
  )
}
